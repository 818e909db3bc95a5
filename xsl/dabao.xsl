<?xml version="1.0" encoding="UTF-8"?>
<!--
  dabao.xsl: 打包快办, one form for one person's 入职 (用工备案 + 增员) or
  离职 (减员 + 退工).  Views: lizhi and ruzhi (the form: a <section> per
  business with its <field>s, drawn from the businesses' own field
  tables), list (打包记录, paged), pkg (one package: its steps, their
  materials, what to do next, 提交).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- A package's state as a badge. -->
  <xsl:template name="pkg-state">
    <xsl:param name="state"/>
    <xsl:variable name="cls">
      <xsl:choose>
        <xsl:when test="$state = '已办结'">done</xsl:when>
        <xsl:when test="$state = '办理中'">running</xsl:when>
        <xsl:when test="$state = '已退单'">cancelled</xsl:when>
        <xsl:when test="$state = '待处理'">returned</xsl:when>
        <xsl:otherwise>draft</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <span class="state state-{$cls}"><xsl:value-of select="$state"/></span>
  </xsl:template>

  <!-- One <field> of a form section as two table cells. -->
  <xsl:template match="field" mode="cells">
    <xsl:choose>
      <xsl:when test="@kind = 'choice'">
        <xsl:call-template name="select-cells">
          <xsl:with-param name="label" select="@label"/>
          <xsl:with-param name="name" select="@name"/>
          <xsl:with-param name="options" select="."/>
          <xsl:with-param name="current" select="@value"/>
          <xsl:with-param name="required" select="@required = '1'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="@kind = 'check'">
        <th><label for="f-{@name}"><xsl:value-of select="@label"/></label></th>
        <td>
          <input type="checkbox" id="f-{@name}" name="{@name}" value="{option}">
            <xsl:if test="@value = option"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="@name"/></xsl:call-template>
        </td>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="input-cells">
          <xsl:with-param name="label" select="@label"/>
          <xsl:with-param name="name" select="@name"/>
          <xsl:with-param name="value" select="@value"/>
          <xsl:with-param name="type">
            <xsl:choose>
              <xsl:when test="@kind = 'date'">date</xsl:when>
              <xsl:when test="@kind = 'month'">month</xsl:when>
              <xsl:when test="@kind = 'phone'">tel</xsl:when>
              <xsl:otherwise>text</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="required" select="@required = '1'"/>
          <xsl:with-param name="maxlength">
            <xsl:choose>
              <xsl:when test="@kind = 'idcard'">18</xsl:when>
              <xsl:when test="@max"><xsl:value-of select="@max"/></xsl:when>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A form section: its title and its fields three to a row. -->
  <xsl:template match="section" mode="form">
    <xsl:call-template name="section"><xsl:with-param name="title" select="@title"/></xsl:call-template>
    <table class="form-grid grid3" id="sec-{@name}">
      <xsl:for-each select="field[position() mod 3 = 1]">
        <tr>
          <xsl:apply-templates select=". | following-sibling::field[position() &lt; 3]" mode="cells"/>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- The 入职 and 离职 forms. -->
  <xsl:template match="page[@view = 'lizhi' or @view = 'ruzhi']" mode="content">
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="@view = 'lizhi'">离职打包</xsl:when>
        <xsl:otherwise>入职打包</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="section"><xsl:with-param name="title" select="$kind"/></xsl:call-template>
    <p class="note">
      <xsl:choose>
        <xsl:when test="@view = 'lizhi'">一张表单同时办理员工的城镇职工减少(减员)和退工登记,各自生成业务顺序号。</xsl:when>
        <xsl:otherwise>一张表单同时办理员工的用工备案和城镇职工增加(增员),各自生成业务顺序号。用工备案审核通过后,系统自动提交增员。</xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="order"/>
    </p>
    <xsl:if test="@view = 'lizhi'">
      <form method="get" action="/dabao/lizhi" class="form query">
        <table class="form-grid grid3">
          <tr>
            <xsl:call-template name="input-cells">
              <xsl:with-param name="label">身份证号</xsl:with-param>
              <xsl:with-param name="name">sfzh</xsl:with-param>
              <xsl:with-param name="value" select="query/@sfzh"/>
              <xsl:with-param name="maxlength">18</xsl:with-param>
            </xsl:call-template>
            <td colspan="4"><button type="submit" class="btn" id="lookup">查询带出</button>
              <span class="note">输入本单位在职员工的身份证号,带出合同与社保信息</span></td>
          </tr>
        </table>
      </form>
      <xsl:if test="person">
        <p class="note" id="person">员工:<xsl:value-of select="person/@name"/>(<xsl:value-of select="person/@idno"/>)
          <xsl:if test="person/@sb-no != ''">社保账号 <xsl:value-of select="person/@sb-no"/></xsl:if>
          <xsl:if test="person/@paying = '0'">,当前不是参保缴费状态</xsl:if>
        </p>
      </xsl:if>
    </xsl:if>
    <xsl:call-template name="required-note"/>
    <form method="post" action="/dabao/{@view}/save" class="form" id="dabao-form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{form/@token}"/>
      <xsl:apply-templates select="section" mode="form"/>
      <p class="buttons">
        <button type="submit" class="btn btn-primary" id="save">保存</button>
        <xsl:text> </xsl:text>
        <a class="btn" href="/dabao">打包记录</a>
      </p>
    </form>
  </xsl:template>

  <!-- 打包记录: the unit's packages, newest first. -->
  <xsl:template match="page[@view = 'list']" mode="content">
    <xsl:call-template name="section"><xsl:with-param name="title">打包记录</xsl:with-param></xsl:call-template>
    <p class="buttons">
      <a class="btn" href="/dabao/ruzhi">入职打包</a>
      <xsl:text> </xsl:text>
      <a class="btn" href="/dabao/lizhi">离职打包</a>
    </p>
    <table class="grid packages">
      <thead>
        <tr><th>类型</th><th>员工</th><th>身份证号</th><th>包含业务</th><th>状态</th><th>创建时间</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="packages/package">
          <tr>
            <td><xsl:value-of select="@title"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td>
              <xsl:for-each select="step">
                <xsl:if test="position() &gt; 1"> → </xsl:if>
                <xsl:value-of select="@business-name"/>
                <xsl:text>(</xsl:text><xsl:value-of select="@state"/><xsl:text>)</xsl:text>
              </xsl:for-each>
            </td>
            <td><xsl:call-template name="pkg-state"><xsl:with-param name="state" select="@state"/></xsl:call-template></td>
            <td class="time"><xsl:value-of select="@created"/></td>
            <td class="ops"><a class="op" href="/dabao/pkg?id={@id}">查看</a></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(packages/package)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">7</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="pager/@total"/>
      <xsl:with-param name="page" select="pager/@page"/>
      <xsl:with-param name="size" select="pager/@size"/>
      <xsl:with-param name="base-url" select="pager/@base"/>
      <xsl:with-param name="unit">个业务包</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What a step waits for, in words. -->
  <xsl:template name="step-hold">
    <xsl:choose>
      <xsl:when test="@hold = '等待'">等待前一项审核通过后由系统自动提交</xsl:when>
      <xsl:when test="@hold = '暂缓'">前一项已被回退,暂不提交</xsl:when>
      <xsl:when test="@hold = '未通过'">系统自动提交未通过:<xsl:value-of select="@note"/></xsl:when>
      <xsl:when test="@returned = '1'">已回退:<xsl:value-of select="@reason"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- One package: its steps, each with its materials, and 提交. -->
  <xsl:template match="page[@view = 'pkg']" mode="content">
    <xsl:variable name="p" select="package"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title" select="concat($p/@title, ' · ', $p/@name)"/>
    </xsl:call-template>
    <table class="form-grid grid3" id="package">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">员工</xsl:with-param><xsl:with-param name="value" select="$p/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$p/@idno"/></xsl:call-template>
        <th>状态</th>
        <td id="pkg-state"><xsl:call-template name="pkg-state"><xsl:with-param name="state" select="$p/@state"/></xsl:call-template></td>
      </tr>
    </table>
    <p class="next" id="next"><strong>下一步:</strong><xsl:value-of select="next"/></p>
    <xsl:for-each select="$p/step">
      <xsl:variable name="step" select="."/>
      <xsl:call-template name="section">
        <xsl:with-param name="title" select="concat('第', @no, '项 ', @business-name)"/>
      </xsl:call-template>
      <table class="grid steps" id="step-{@no}">
        <thead><tr><th>业务顺序号</th><th>业务状态</th><th>说明</th><th>操作</th></tr></thead>
        <tbody>
          <tr>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td><xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template></td>
            <td class="reason"><xsl:call-template name="step-hold"/></td>
            <td class="ops">
              <xsl:choose>
                <xsl:when test="@task != '0'">
                  <xsl:call-template name="link">
                    <xsl:with-param name="href" select="concat(@path, '?id=', @task)"/>
                    <xsl:with-param name="label">查看业务</xsl:with-param>
                    <xsl:with-param name="class" select="'op'"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><span class="note">前一项审核通过后由系统保存</span></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </tbody>
      </table>
      <xsl:if test="material">
        <table class="grid materials" id="materials-{@no}">
          <thead><tr><th>材料名称</th><th>是否必需</th><th>上传状态</th><xsl:if test="@state = '未提交'"><th>上传</th></xsl:if></tr></thead>
          <tbody>
            <xsl:for-each select="material">
              <xsl:variable name="g" select="@group"/>
              <xsl:variable name="met" select="@uploaded = '1' or ($g != '0' and $step/material[@group = $g and @uploaded = '1'])"/>
              <tr id="m-{$step/@no}-{@code}">
                <xsl:attribute name="class">
                  <xsl:choose>
                    <xsl:when test="@required = '1' and not($met)">material need</xsl:when>
                    <xsl:otherwise>material</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <td>
                  <xsl:if test="@required = '1'"><xsl:call-template name="required-mark"/></xsl:if>
                  <xsl:value-of select="@name"/>
                  <xsl:if test="@words"><div class="note"><xsl:value-of select="@words"/></div></xsl:if>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@required = '1' and $g != '0'">必需(同组提供其一即可)</xsl:when>
                    <xsl:when test="@required = '1'">必需</xsl:when>
                    <xsl:otherwise>可选(如有)</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@uploaded = '1'"><span class="state-done">已上传</span></xsl:when>
                    <xsl:when test="$g != '0' and $step/material[@group = $g and @uploaded = '1']"><span class="note">无需上传(同组材料已上传)</span></xsl:when>
                    <xsl:when test="@required = '1'"><span class="state-returned">未上传</span></xsl:when>
                    <xsl:otherwise><span class="note">未上传</span></xsl:otherwise>
                  </xsl:choose>
                </td>
                <xsl:if test="$step/@state = '未提交'">
                  <td>
                    <form method="post" action="/dabao/upload" enctype="multipart/form-data" class="upload">
                      <xsl:call-template name="csrf"/>
                      <input type="hidden" name="id" value="{$p/@id}"/>
                      <input type="hidden" name="step" value="{$step/@no}"/>
                      <input type="hidden" name="material" value="{@code}"/>
                      <input type="file" name="file" accept=".pdf,.jpg,.jpeg,application/pdf,image/jpeg" aria-label="{@name}"/>
                      <button type="submit" class="btn">上传</button>
                      <xsl:call-template name="field-errors"><xsl:with-param name="name" select="@code"/></xsl:call-template>
                    </form>
                  </td>
                </xsl:if>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </xsl:for-each>
    <p class="note">附件为 PDF 或 JPG 格式,按文件内容识别,单个文件不超过<xsl:value-of select="limits/@max-mb"/>MB。</p>
    <p class="buttons">
      <xsl:if test="next/@can-submit = '1'">
        <form method="post" action="/dabao/submit" class="inline">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$p/@id}"/>
          <button type="submit" class="btn btn-primary" id="submit">提交</button>
        </form>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:if test="next/@can-cancel = '1'">
        <form method="post" action="/dabao/cancel" class="inline">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$p/@id}"/>
          <button type="submit" class="btn" id="cancel">整包退单</button>
        </form>
        <xsl:text> </xsl:text>
      </xsl:if>
      <a class="btn" href="/dabao">打包记录</a>
    </p>
  </xsl:template>

</xsl:stylesheet>
