<?xml version="1.0" encoding="UTF-8"?>
<!--
  chexiao.xsl: 撤销用工登记 (category jiuye; 用工备案管理 → 备案查询 →
  撤销).  Views:
    start     how a 撤销 starts (from 备案查询) and 撤销申请查询
    form      the form for one registration, editable (新建 or 未提交):
              撤销原因, 说明, 更正后的信息 (信息错误), 经办人, 上传附件
    refused   a registration that cannot be revoked here: why, and where
    lookup    撤销申请查询 by 撤销申请编号
    task      a submitted, finished or withdrawn 撤销, read-only, with its
              撤销申请编号 and 《撤销申请回执》
  Without JavaScript: the materials follow the reason saved (or
  previewed with ?reason=).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="cx" select="/page/chexiao"/>
  <xsl:variable name="reg" select="/page/registration"/>

  <!-- The registration being revoked. -->
  <xsl:template name="registration">
    <xsl:if test="$reg">
      <xsl:call-template name="section"><xsl:with-param name="title">要撤销的用工登记</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3 readonly-table" id="registration">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$reg/@name"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$reg/@idno"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">登记状态</xsl:with-param><xsl:with-param name="value" select="$reg/@status"/></xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">合同编号</xsl:with-param><xsl:with-param name="value" select="$reg/@contract-no"/></xsl:call-template>
          <th>合同期限</th>
          <td class="readonly"><xsl:value-of select="$reg/@start"/> 至 <xsl:choose><xsl:when test="$reg/@end != ''"><xsl:value-of select="$reg/@end"/></xsl:when><xsl:otherwise>无固定期限</xsl:otherwise></xsl:choose></td>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">用工形式</xsl:with-param><xsl:with-param name="value" select="$reg/@work-form"/></xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">岗位</xsl:with-param><xsl:with-param name="value" select="$reg/@post"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">工种</xsl:with-param><xsl:with-param name="value" select="$reg/@job-type"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">月工资(元)</xsl:with-param><xsl:with-param name="value" select="$reg/@wage"/></xsl:call-template>
        </tr>
        <xsl:if test="$reg/@ended != ''">
          <tr>
            <xsl:call-template name="show-cells"><xsl:with-param name="label">用工终止日期</xsl:with-param><xsl:with-param name="value" select="$reg/@ended"/><xsl:with-param name="colspan">5</xsl:with-param></xsl:call-template>
          </tr>
        </xsl:if>
      </table>
      <p class="note"><a href="/beian/reg?id={$reg/@id}" id="open-registration">在备案查询中查看该登记及其办理记录</a></p>
    </xsl:if>
  </xsl:template>

  <!-- The way forward beside a refusal. -->
  <xsl:template name="refusal-links">
    <xsl:variable name="e" select="/page/errors/error"/>
    <ul class="way-forward">
      <xsl:if test="$e[@code = 'CX_UNIT_CLOSED']">
        <li><a href="/beian/export" id="go-export">导出原用工登记记录清单(.xlsx)</a>,连同《准予注销登记通知书》或《营业执照吊销决定书》、清算组说明,到经办机构服务大厅办理。</li>
      </xsl:if>
      <xsl:for-each select="/page/blocker[@kind = 'tuigong']">
        <li><a href="/tuigong?id={@id}" id="go-tuigong">打开退工登记(业务顺序号 <xsl:value-of select="@seq"/>)</a>,办结或退单后再申请撤销。</li>
      </xsl:for-each>
      <xsl:for-each select="/page/blocker[@kind = 'chexiao']">
        <li><a href="/chexiao?id={@id}" id="go-chexiao">打开撤销申请(撤销申请编号 CX<xsl:value-of select="@seq"/>)</a>继续办理。</li>
      </xsl:for-each>
      <li><a href="/beian">返回备案查询</a></li>
    </ul>
  </xsl:template>

  <!-- The materials with what 撤销 says about them first. -->
  <xsl:template name="cx-materials">
    <xsl:call-template name="materials">
      <xsl:with-param name="intro">
        <p class="note">
          <xsl:choose>
            <xsl:when test="not($cx/@reason) or $cx/@reason = ''">所需材料随撤销原因而定(预览:
              <a href="/chexiao?emp={$reg/@id}&amp;reason=员工离职">员工离职</a>、<a href="/chexiao?emp={$reg/@id}&amp;reason=信息错误">信息错误</a>、<a href="/chexiao?emp={$reg/@id}&amp;reason=其他">其他</a>)。</xsl:when>
            <xsl:otherwise>撤销原因“<xsl:value-of select="$cx/@reason"/>”需上传以下材料</xsl:otherwise>
          </xsl:choose>
          <xsl:text>;经办人不是法定代表人时另需《授权委托书》。材料须清晰完整,公章、签字、日期不可缺失。</xsl:text>
        </p>
        <xsl:for-each select="/page/materials/material[@words != '' and not(@group = preceding-sibling::material/@group)]">
          <p class="note group-rule">注: <xsl:value-of select="@words"/>。</p>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The unit's recent 撤销 tasks. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位撤销申请</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The 撤销申请查询 box. -->
  <xsl:template name="lookup-form">
    <form method="get" action="/chexiao/lookup" class="form query" id="lookup-form">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">撤销申请编号</xsl:with-param>
            <xsl:with-param name="name">no</xsl:with-param>
            <xsl:with-param name="value" select="/page/query/@no"/>
            <xsl:with-param name="maxlength">40</xsl:with-param>
          </xsl:call-template>
          <td class="buttons-cell"><button type="submit" class="btn btn-primary">查询</button></td>
        </tr>
      </table>
    </form>
  </xsl:template>

  <xsl:template match="page[@view = 'start']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">撤销用工登记</xsl:with-param></xsl:call-template>
    <ol class="steps">
      <li>在<a href="/beian" id="go-beian">备案查询</a>中找到要撤销的用工登记,打开后点击“撤销”。</li>
      <li>选择撤销原因(员工离职、单位注销、信息错误、其他),填写说明;信息错误的,填写更正后的信息。</li>
      <li>保存后按清单上传材料,提交审批;提交后生成撤销申请编号,可打印《撤销申请回执》。</li>
      <li>审核时限:<xsl:value-of select="/page/review-days"/>;VIP 单位由系统按规则即时审核。建议在用工关系解除后30日内申请撤销。</li>
    </ol>
    <xsl:call-template name="section"><xsl:with-param name="title">撤销申请查询</xsl:with-param></xsl:call-template>
    <xsl:call-template name="lookup-form"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'lookup']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">撤销申请查询</xsl:with-param></xsl:call-template>
    <p class="note">输入提交撤销申请时生成的撤销申请编号(以 CX 开头),查看办理进度。</p>
    <xsl:call-template name="lookup-form"/>
    <p class="note lookup-help">忘记编号的,可在<a href="/chexiao" id="go-recent">本单位撤销申请</a>中查看;要申请撤销,请在<a href="/beian" id="go-beian">备案查询</a>中打开该用工登记后点击“撤销”。</p>
  </xsl:template>

  <xsl:template match="page[@view = 'refused']" mode="content">
    <div class="msg msg-error refusal" role="alert">
      <xsl:for-each select="/page/errors/error">
        <p class="refusal-reason"><xsl:value-of select="."/></p>
      </xsl:for-each>
    </div>
    <xsl:call-template name="refusal-links"/>
    <xsl:call-template name="registration"/>
  </xsl:template>

  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="/page/errors/error[@field = 'emp']">
      <xsl:call-template name="refusal-links"/>
    </xsl:if>
    <xsl:call-template name="registration"/>
    <xsl:call-template name="required-note"/>
    <form method="post" action="/chexiao/save" class="form" id="chexiao-form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="emp" value="{$reg/@id}"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">emp</xsl:with-param></xsl:call-template>
      <xsl:call-template name="section"><xsl:with-param name="title">撤销原因</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">撤销原因</xsl:with-param>
            <xsl:with-param name="name">reason</xsl:with-param>
            <xsl:with-param name="options" select="/page/options[@name = 'reason']"/>
            <xsl:with-param name="current" select="$cx/@reason"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
        <tr>
          <th><label for="f-explanation">撤销说明</label></th>
          <td>
            <textarea id="f-explanation" name="explanation" rows="3" maxlength="200"><xsl:value-of select="$cx/@explanation"/></textarea>
            <p class="hint">撤销原因为“其他”时必填,须写明具体情况,不能只写“其他”“无”“个人原因”等笼统表述。</p>
            <xsl:call-template name="field-errors"><xsl:with-param name="name">explanation</xsl:with-param></xsl:call-template>
          </td>
        </tr>
      </table>
      <xsl:if test="/page/errors/error[@code = 'CX_JIANYUAN_FIRST']">
        <p class="field-link"><a href="/jianyuan" id="go-jianyuan">去办理城镇职工减少(减员)</a></p>
      </xsl:if>

      <xsl:call-template name="section">
        <xsl:with-param name="title">更正后的信息</xsl:with-param>
        <xsl:with-param name="note">(仅撤销原因为“信息错误”时填写;留空的项保持原登记内容。审核通过后原登记撤销,并按更正后的信息生成新的在职登记。身份证号有误的,请撤销后重新办理用工备案)</xsl:with-param>
      </xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="name">fix_name</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-name"/><xsl:with-param name="maxlength">30</xsl:with-param></xsl:call-template>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">合同编号</xsl:with-param><xsl:with-param name="name">fix_contract_no</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-contract-no"/><xsl:with-param name="maxlength">40</xsl:with-param></xsl:call-template>
          <xsl:call-template name="select-cells"><xsl:with-param name="label">用工形式</xsl:with-param><xsl:with-param name="name">fix_work_form</xsl:with-param><xsl:with-param name="options" select="/page/options[@name = 'fix_work_form']"/><xsl:with-param name="current" select="$cx/@fix-work-form"/><xsl:with-param name="blank">不更正</xsl:with-param></xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">合同起始日期</xsl:with-param><xsl:with-param name="name">fix_start</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-start"/><xsl:with-param name="type">date</xsl:with-param></xsl:call-template>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">合同终止日期</xsl:with-param><xsl:with-param name="name">fix_end</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-end"/><xsl:with-param name="type">date</xsl:with-param></xsl:call-template>
          <th><label for="f-fix_open_ended">无固定期限</label></th>
          <td><input type="checkbox" name="fix_open_ended" value="1" id="f-fix_open_ended"><xsl:if test="$cx/@fix-open-ended = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input></td>
        </tr>
        <tr>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">岗位</xsl:with-param><xsl:with-param name="name">fix_post</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-post"/><xsl:with-param name="maxlength">30</xsl:with-param></xsl:call-template>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">工种</xsl:with-param><xsl:with-param name="name">fix_job_type</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-job-type"/><xsl:with-param name="maxlength">30</xsl:with-param></xsl:call-template>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">月工资(元)</xsl:with-param><xsl:with-param name="name">fix_wage</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-wage"/><xsl:with-param name="maxlength">12</xsl:with-param></xsl:call-template>
        </tr>
      </table>

      <xsl:call-template name="section"><xsl:with-param name="title">经办人信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">经办人姓名</xsl:with-param><xsl:with-param name="name">handler_name</xsl:with-param><xsl:with-param name="value" select="$cx/@handler-name"/><xsl:with-param name="required" select="true()"/><xsl:with-param name="maxlength">30</xsl:with-param></xsl:call-template>
          <xsl:call-template name="input-cells"><xsl:with-param name="label">联系方式</xsl:with-param><xsl:with-param name="name">handler_phone</xsl:with-param><xsl:with-param name="value" select="$cx/@handler-phone"/><xsl:with-param name="type">tel</xsl:with-param><xsl:with-param name="required" select="true()"/><xsl:with-param name="maxlength">20</xsl:with-param></xsl:call-template>
          <th><xsl:call-template name="required-mark"/>经办人是否为法定代表人</th>
          <td>
            <label><input type="radio" name="handler_is_rep" value="1"><xsl:if test="not($cx/@handler-is-rep = '0')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>是</label>
            <xsl:text> </xsl:text>
            <label><input type="radio" name="handler_is_rep" value="0" id="f-handler_is_rep"><xsl:if test="$cx/@handler-is-rep = '0'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>否(需上传授权委托书)</label>
            <xsl:call-template name="field-errors"><xsl:with-param name="name">handler_is_rep</xsl:with-param></xsl:call-template>
          </td>
        </tr>
      </table>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
      </p>
    </form>
    <xsl:call-template name="cx-materials"/>
    <xsl:if test="$task">
      <xsl:call-template name="submit-cancel"/>
    </xsl:if>
    <xsl:call-template name="history"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$task/@apply-no != ''">
      <div class="msg msg-info apply-no" role="status">
        <p><strong>撤销申请编号: </strong><span class="mono" id="apply-no"><xsl:value-of select="$task/@apply-no"/></span>(请截图或打印保存,可在“撤销申请查询”中查询进度)</p>
        <p class="actions"><a class="btn" id="btn-print" href="/print/chexiao?id={$task/@id}">打印《撤销申请回执》</a></p>
      </div>
    </xsl:if>
    <xsl:if test="$cx/@late = '1'">
      <div class="msg msg-warn late" role="status">该申请在用工终止30日后提交,已受理并标记为逾期。今后请在用工关系解除后30日内申请撤销。</div>
    </xsl:if>
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>用工登记状态为“已撤销”。</p>
        <xsl:if test="/page/corrected">
          <p>已按更正后的信息生成新的在职登记(合同编号 <xsl:value-of select="/page/corrected/@contract-no"/>,<a href="/beian/reg?id={/page/corrected/@id}" id="open-corrected">查看</a>)。</p>
        </xsl:if>
        <p>撤销用工登记不会停止社保缴费;员工仍在本单位参保缴费的,请<a href="/jianyuan">办理城镇职工减少(减员)</a>,并通过缴费记录查询确认社保状态。</p>
      </div>
    </xsl:if>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="registration"/>
    <xsl:call-template name="section"><xsl:with-param name="title">撤销信息</xsl:with-param></xsl:call-template>
    <table class="form-grid grid3 readonly-table">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">撤销原因</xsl:with-param><xsl:with-param name="value" select="$cx/@reason"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">撤销说明</xsl:with-param><xsl:with-param name="value" select="$cx/@explanation"/><xsl:with-param name="colspan">3</xsl:with-param></xsl:call-template>
      </tr>
      <xsl:if test="$cx/@reason = '信息错误'">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">更正后姓名</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-name"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">更正后合同编号</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-contract-no"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">更正后用工形式</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-work-form"/></xsl:call-template>
        </tr>
        <tr>
          <th>更正后合同期限</th>
          <td class="readonly"><xsl:value-of select="$cx/@fix-start"/> 至 <xsl:choose><xsl:when test="$cx/@fix-end != ''"><xsl:value-of select="$cx/@fix-end"/></xsl:when><xsl:otherwise>无固定期限</xsl:otherwise></xsl:choose></td>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">更正后岗位/工种</xsl:with-param><xsl:with-param name="value" select="concat($cx/@fix-post, ' / ', $cx/@fix-job-type)"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">更正后月工资(元)</xsl:with-param><xsl:with-param name="value" select="$cx/@fix-wage"/></xsl:call-template>
        </tr>
      </xsl:if>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">经办人</xsl:with-param><xsl:with-param name="value" select="concat($cx/@handler-name, ' ', $cx/@handler-phone)"/></xsl:call-template>
        <th>经办人为法定代表人</th>
        <td class="readonly"><xsl:call-template name="yes-no"><xsl:with-param name="v" select="$cx/@handler-is-rep"/></xsl:call-template></td>
        <th>逾期</th>
        <td class="readonly"><xsl:call-template name="yes-no"><xsl:with-param name="v" select="$cx/@late"/></xsl:call-template></td>
      </tr>
    </table>
    <xsl:call-template name="cx-materials"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="/beian">返回备案查询</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

</xsl:stylesheet>
