<?xml version="1.0" encoding="UTF-8"?>
<!--
  nianbao.xsl: 职工缴费工资申报 (年度缴费工资申报, category jiaofei), and,
  imported by txgz.xsl, 非统筹退休人员工资申报 (/page/@business txgz:
  the unit's registered retirees instead of its insured persons).  Views:
    form          the window, the steps (模板下载, 上传, 上传明细, 提交审批)
                  with the upload form, and the form of a single person
    batch         the same steps (GET /nianbao/batch)
    batch-result  one declaration's 上传明细: rows a page at a time or
                  found by 身份证号, 删除 and 修改 of a draft's rows, the
                  failed rows, the persons not declared, materials,
                  提交审批 and 退单
    task          a single person's declaration (row 0), the same parts
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="win" select="/page/nianbao-window"/>
  <xsl:variable name="nb" select="/page/nianbao"/>
  <!-- 非统筹退休人员工资申报 (xsl/txgz.xsl imports this one) or not. -->
  <xsl:variable name="tx" select="/page/@business = 'txgz'"/>
  <xsl:variable name="persons">
    <xsl:choose>
      <xsl:when test="$tx">本单位登记的非统筹退休人员</xsl:when>
      <xsl:otherwise>本单位参保缴费人员</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The window: open (its dates) or when the next one opens. -->
  <xsl:template name="nb-window">
    <xsl:choose>
      <xsl:when test="$win/@open = '1'">
        <div class="msg msg-info nb-window" role="status" id="nb-window"><xsl:value-of select="$win"/></div>
      </xsl:when>
      <xsl:otherwise>
        <div class="msg msg-warn nb-window" role="status" id="nb-window"><xsl:value-of select="$win"/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a 普通 unit does after submitting. -->
  <xsl:template name="nb-counter-note">
    <xsl:if test="/page/session/@vip != '1'">
      <p class="note nb-counter-note">非VIP单位提交审批后,请携带年度缴费工资申报相关资料到辖区社保经办机构办理审核;审核结果可在首页已办任务列表查看。</p>
    </xsl:if>
  </xsl:template>

  <!-- The rules the clerk should know before filling the template. -->
  <xsl:template name="nb-rules">
    <ul class="note nb-rules">
      <li>模板已列出<xsl:value-of select="$persons"/>,请逐人填写上年度月平均工资(元,大于0,最多两位小数);其他人员不能申报<xsl:if test="$tx">(非统筹退休人员须先到辖区社保经办机构登记)</xsl:if>。</li>
      <li>申报工资与上年度申报工资相差较大的(以当地政策规定的比例为准),须在备注栏说明原因。</li>
      <xsl:if test="not($tx)">
        <li>审核通过后,按申报年度缴费基数上下限(社平工资的60%-300%,以当地政策为准)核定缴费基数,自申报年度规定月份起执行。</li>
      </xsl:if>
    </ul>
  </xsl:template>

  <!-- The steps and the upload form (form and batch views). -->
  <xsl:template name="nb-steps">
    <xsl:call-template name="section"><xsl:with-param name="title" select="/page/@title"/></xsl:call-template>
    <xsl:call-template name="nb-window"/>
    <xsl:call-template name="nb-rules"/>
    <ol class="steps">
      <li>模板下载:下载本单位的申报表(已列出<xsl:value-of select="$persons"/>),按要求填写并保存。</li>
      <li>上传:选择填写好的文件上传;数据量较大时系统显示导入进度,请耐心等待。</li>
      <li>上传明细:逐行查看校验结果;可按身份证号查找、删除申报有误的人员,全部有误的可退单。</li>
      <li>提交审批:将上传的申报表(Excel)打印并加盖公章,扫描上传后提交;非VIP单位由经办机构审核(可预约办理时间),VIP单位由系统按规则即时审核。</li>
    </ol>
    <xsl:if test="$win/@open = '1'">
      <xsl:call-template name="batch-upload"><xsl:with-param name="label">年度缴费工资申报表(.xlsx)</xsl:with-param></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The unit's declarations. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位工资申报业务</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The steps, the upload and a single person's form. -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="nb-steps"/>
    <xsl:if test="$win/@open = '1'">
      <xsl:call-template name="section"><xsl:with-param name="title">单个人员申报</xsl:with-param></xsl:call-template>
      <xsl:call-template name="required-note"/>
      <form method="post" action="{$path}/save" class="form nianbao-form">
        <xsl:call-template name="csrf"/>
        <xsl:if test="form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>
        <table class="form-grid grid2">
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">身份证号</xsl:with-param>
              <xsl:with-param name="name">sfzh</xsl:with-param>
              <xsl:with-param name="value" select="$nb/@sfzh"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">18</xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">姓名</xsl:with-param>
              <xsl:with-param name="name">name</xsl:with-param>
              <xsl:with-param name="value" select="$nb/@name"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">30</xsl:with-param>
            </xsl:call-template>
          </tr>
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">上年度月平均工资(元)</xsl:with-param>
              <xsl:with-param name="name">nb_wage</xsl:with-param>
              <xsl:with-param name="value" select="$nb/@wage"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength">12</xsl:with-param>
            </xsl:call-template>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">备注</xsl:with-param>
              <xsl:with-param name="name">nb_remark</xsl:with-param>
              <xsl:with-param name="value" select="$nb/@remark"/>
              <xsl:with-param name="maxlength">100</xsl:with-param>
            </xsl:call-template>
          </tr>
        </table>
        <p class="buttons center">
          <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
        </p>
      </form>
    </xsl:if>
    <xsl:call-template name="nb-counter-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- GET /nianbao/batch: the steps and the upload. -->
  <xsl:template match="page[@view = 'batch']" mode="content">
    <xsl:call-template name="nb-steps"/>
    <xsl:call-template name="nb-counter-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- The search by 身份证号 of the 上传明细. -->
  <xsl:template name="nb-search">
    <form method="get" action="{$path}" class="form search nb-search">
      <input type="hidden" name="id" value="{$task/@id}"/>
      <label for="f-idno">按身份证号查找</label>
      <xsl:text> </xsl:text>
      <input type="text" id="f-idno" name="idno" maxlength="18" value="{rows/@idno}"/>
      <xsl:text> </xsl:text>
      <button type="submit" class="btn">查询</button>
      <xsl:if test="rows/@idno">
        <xsl:text> </xsl:text><a class="op" href="{$path}?id={$task/@id}">显示全部</a>
      </xsl:if>
    </form>
  </xsl:template>

  <!-- A person added to the draft (POST /B/add): the context node's
       @name and @idno (a person not declared, or a failed row). -->
  <xsl:template name="nb-add">
    <form method="post" action="{$path}/add" class="inline nb-add">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$task/@id}"/>
      <input type="hidden" name="sfzh" value="{@idno}"/>
      <input type="hidden" name="name" value="{@name}"/>
      <input type="text" name="nb_wage" size="9" maxlength="12" aria-label="{@name} 上年度月平均工资(元)"/>
      <input type="text" name="nb_remark" size="10" maxlength="100" aria-label="{@name} 备注"/>
      <button type="submit" class="btn op">补充申报</button>
    </form>
  </xsl:template>

  <!-- A failed import row entered again on the draft (task.xsl asks). -->
  <xsl:template match="failure" mode="failure-fix">
    <xsl:if test="string-length(@idno) = 18">
      <xsl:call-template name="nb-add"/>
    </xsl:if>
  </xsl:template>

  <!-- A draft's row corrected: wage and 备注. -->
  <xsl:template name="nb-row-edit">
    <form method="post" action="{$path}/row" class="inline nb-row-edit">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$task/@id}"/>
      <input type="hidden" name="row" value="{@no}"/>
      <input type="text" name="nb_wage" value="{@wage}" size="9" maxlength="12" aria-label="上年度月平均工资(元)"/>
      <input type="text" name="nb_remark" value="{@remark}" size="10" maxlength="100" aria-label="备注"/>
      <button type="submit" class="btn op">修改</button>
    </form>
  </xsl:template>

  <!-- The rows of the declaration (a page, or the search's). -->
  <xsl:template name="nb-rows">
    <xsl:call-template name="section"><xsl:with-param name="title">上传明细</xsl:with-param></xsl:call-template>
    <xsl:if test="rows/row[1]/@year">
      <p class="hint">申报年度:<xsl:value-of select="rows/row[1]/@year"/>年度</p>
    </xsl:if>
    <xsl:call-template name="nb-search"/>
    <xsl:if test="rows/@idno and rows/@found = '0'">
      <p class="msg msg-warn" role="status">本次申报中没有身份证号为 <xsl:value-of select="rows/@idno"/> 的人员。</p>
    </xsl:if>
    <table class="grid batch-rows nb-rows">
      <thead>
        <tr><th>行号</th><th>个人编号</th><th>姓名</th><th>身份证号</th><th>上年度月平均工资(元)</th><th>上年度申报工资(元)</th><th>备注</th><th>缴费基数(元)</th>
          <xsl:if test="$editable"><th>操作</th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="rows/row">
          <tr>
            <!-- Row 0 is a single person's declaration: no file row. -->
            <td class="rowno"><xsl:if test="@no != '0'"><xsl:value-of select="@no"/></xsl:if></td>
            <td class="mono"><xsl:value-of select="@sb-no"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td class="num"><xsl:value-of select="@wage"/></td>
            <td class="num"><xsl:value-of select="@prev"/></td>
            <td><xsl:value-of select="@remark"/></td>
            <td class="num">
              <xsl:choose>
                <xsl:when test="@base != ''"><xsl:value-of select="@base"/></xsl:when>
                <!-- Pending: the base the wage will get (floor/ceiling). -->
                <xsl:when test="@base-preview != ''"><xsl:value-of select="@base-preview"/><span class="hint base-preview">(待核定)</span></xsl:when>
              </xsl:choose>
            </td>
            <xsl:if test="$editable">
              <td class="ops">
                <xsl:call-template name="nb-row-edit"/>
                <xsl:if test="@no != '0'">
                  <xsl:call-template name="row-delete"><xsl:with-param name="row" select="@no"/></xsl:call-template>
                </xsl:if>
              </td>
            </xsl:if>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(rows/row)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">9</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:if test="not(rows/@idno)">
      <xsl:call-template name="pager">
        <xsl:with-param name="total" select="rows/@total"/>
        <xsl:with-param name="page" select="rows/@page"/>
        <xsl:with-param name="size" select="rows/@per-page"/>
        <xsl:with-param name="base-url" select="concat($path, '?id=', $task/@id, '&amp;')"/>
        <xsl:with-param name="name">rpage</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The persons insured here not declared for the year. -->
  <xsl:template name="nb-missing">
    <xsl:if test="missing and $task/@state != '退单'">
      <xsl:call-template name="section"><xsl:with-param name="title">未申报人员</xsl:with-param></xsl:call-template>
      <xsl:choose>
        <xsl:when test="missing/@total = '0'">
          <p class="hint nb-missing-none"><xsl:value-of select="$persons"/>均已申报<xsl:value-of select="missing/@year"/>年度工资。</p>
        </xsl:when>
        <xsl:otherwise>
          <p class="hint">以下<xsl:value-of select="$persons"/>未在<xsl:value-of select="missing/@year"/>年度的申报中,请核实后补充申报<xsl:if test="$editable">(填写工资后点击“补充申报”,加入本次申报)</xsl:if>。</p>
          <table class="grid nb-missing">
            <thead><tr><th>个人编号</th><th>姓名</th><th>身份证号</th>
              <xsl:if test="$editable"><th>补充申报(上年度月平均工资、备注)</th></xsl:if>
            </tr></thead>
            <tbody>
              <xsl:for-each select="missing/person">
                <tr>
                  <td class="mono"><xsl:value-of select="@sb-no"/></td>
                  <td><xsl:value-of select="@name"/></td>
                  <td class="mono"><xsl:value-of select="@idno"/></td>
                  <xsl:if test="$editable"><td class="ops"><xsl:call-template name="nb-add"/></td></xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
          <xsl:call-template name="pager">
            <xsl:with-param name="total" select="missing/@total"/>
            <xsl:with-param name="page" select="missing/@page"/>
            <xsl:with-param name="size" select="missing/@per-page"/>
            <xsl:with-param name="base-url" select="concat($path, '?id=', $task/@id, '&amp;')"/>
            <xsl:with-param name="name">mpage</xsl:with-param>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- What a declaration's page says once it ended. -->
  <xsl:template name="nb-done">
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>
          <xsl:choose>
            <xsl:when test="$tx">各退休人员的申报工资已核定(见上传明细)。</xsl:when>
            <xsl:otherwise>各职工的缴费基数已按申报年度缴费基数上下限核定(见上传明细“缴费基数”栏),自申报年度规定月份起执行。</xsl:otherwise>
          </xsl:choose>
        </p>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- One declaration (a file's or a single person's). -->
  <xsl:template name="nb-declaration">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="nb-done"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:if test="$editable"><xsl:call-template name="nb-window"/></xsl:if>
    <xsl:if test="/page/@batch = '1'"><xsl:call-template name="batch-counts"/></xsl:if>
    <xsl:call-template name="nb-rows"/>
    <xsl:call-template name="nb-missing"/>
    <xsl:call-template name="materials">
      <xsl:with-param name="intro">
        <p class="note nb-table-note">
          <xsl:choose>
            <xsl:when test="/page/@batch = '1'">请打印本次上传的年度缴费工资申报表(Excel文件),加盖单位公章后扫描上传(PDF或JPG)。</xsl:when>
            <xsl:otherwise>请下载申报表模板(“模板下载”),填写本次申报人员的工资后打印,加盖单位公章后扫描上传(PDF或JPG)。</xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="submit-cancel">
      <xsl:with-param name="confirm">
        <xsl:if test="missing/@total &gt; 0 or /page/batch/@failed &gt; 0">
          <xsl:text>本次申报尚有</xsl:text>
          <xsl:if test="missing/@total &gt; 0"><xsl:value-of select="missing/@total"/> 人未申报</xsl:if>
          <xsl:if test="missing/@total &gt; 0 and /page/batch/@failed &gt; 0">、</xsl:if>
          <xsl:if test="/page/batch/@failed &gt; 0"><xsl:value-of select="/page/batch/@failed"/> 行导入失败(已补充申报的除外)</xsl:if>
          <xsl:text>,提交后这些人员不在本次申报中。确定提交审批吗?</xsl:text>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$editable"><xsl:call-template name="nb-counter-note"/></xsl:if>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="{$path}">返回工资申报</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

  <xsl:template match="page[@view = 'batch-result']" mode="content">
    <xsl:call-template name="nb-declaration"/>
  </xsl:template>

  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="nb-declaration"/>
  </xsl:template>

</xsl:stylesheet>
